/** Whose data: 我们组 / 部门 / 团队 / 我的下属 → team; 我自己 / 本人 → self; otherwise unsaid. */
const TEAM = /我们组|我们部门|我们团队|我们这边|咱们组|咱组|本组|全组|组里|组内|组员|部门|团队|下属|手下|我的人|team|员工们|大家的|整个组|小组/;
const SELF = /我自己|本人|我个人|自己的/;

export function findScope(text: string): 'self' | 'team' | undefined {
  if (TEAM.test(text)) return 'team';
  if (SELF.test(text)) return 'self';
  return undefined;
}
