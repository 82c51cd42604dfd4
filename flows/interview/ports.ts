/**
 * What the recruiting flows need from the outside, as domain-level interfaces
 * the composition root fills in: the interviewer's calendar (WeCom 日程) and
 * the optional candidate channel (the Wechaty bot). Flows stay free of wire
 * formats; `server/features/recruiting.ts` adapts the WeCom client.
 */

/** One calendar entry, in domain terms. */
export interface CalendarEvent {
  readonly title: string;
  readonly description: string;
  readonly startAt: Date;
  readonly endAt: Date;
  readonly location: string | undefined;
  /** WeCom userids who see it in their calendar. */
  readonly attendees: readonly string[];
  /** Who may edit it (the HR who scheduled). */
  readonly organizer: string;
  readonly remindBeforeSec: number;
}

export interface CalendarPort {
  /** Adds the event; returns its id (WeCom `schedule_id`). */
  add(event: CalendarEvent): Promise<string>;
  /** Overwrites the event. */
  update(id: string, event: CalendarEvent): Promise<void>;
  remove(id: string): Promise<void>;
}

/** The Wechaty bot, as seen from the flows. Absent (disabled) unless WECHATY_PUPPET is set. */
export interface CandidateChannel {
  enabled(): boolean;
  /** A contact of the recruiting account matching the candidate (alias = phone, or name); undefined when none or several. */
  findContact(q: { readonly name: string; readonly phone: string }): Promise<string | undefined>;
}

/** A mutable slot for the channel: effects are registered before the bot has started. */
export class CandidateChannelSlot implements CandidateChannel {
  private current: CandidateChannel | undefined;

  set(channel: CandidateChannel | undefined): void {
    this.current = channel;
  }

  enabled(): boolean {
    return this.current?.enabled() ?? false;
  }

  findContact(q: { readonly name: string; readonly phone: string }): Promise<string | undefined> {
    return this.current ? this.current.findContact(q) : Promise.resolve(undefined);
  }
}

/** The Chinese explanation an adapter error carries (WecomApiError has one), else a generic line. */
export function explain(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'explanation' in err && typeof (err as { explanation: unknown }).explanation === 'string') {
    return (err as { explanation: string }).explanation;
  }
  return '企业微信暂时无法访问';
}
