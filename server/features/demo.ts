/**
 * Demo mode (WECOM_CORP_ID unset): the WeCom simulator mounted at /simulator —
 * where runtimeConfig.ts already points the app's WeCom settings, so the app
 * takes no special path — the demo company seeded into an empty database, and
 * the console at /console (also what `/` opens). Off in WeCom mode.
 */
import { join } from 'node:path';
import Router from '@koa/router';
import type { Config } from '../../lib/config.js';
import { localDate } from '../../lib/time.js';
import { DepartmentModel, EmployeeModel } from '../../models/employee.js';
import { createSimulator, type DirectoryData, type Simulator } from '../../simulator/index.js';
import { DEMO_PERSONAS, demoDirectory } from '../../simulator/demo/company.js';
import { bundledHolidayLookup } from '../../simulator/demo/calendar.js';
import { demoCheckins } from '../../simulator/demo/checkins.js';
import { demoLeaves } from '../../simulator/demo/leaves.js';
import { demoAnchor, seedDemoCompany } from '../../simulator/demo/seed.js';
import { DEMO_VACATION_TYPES, demoQuotas } from '../../simulator/demo/vacationTypes.js';
import { consoleRoutes, type ConsoleRoutes } from '../../miniapp/console/routes.js';
import { noticeLinkFor, payslipLinks } from '../../miniapp/payslip/link.js';
import type { Feature, Services } from '../feature.js';
import { clearSession } from '../auth/session.js';

/** What is kept across restarts on WeCom's side (messages, cards, calendar, tokens, codes). */
const STATE_FILE = 'simulator-state.json';

export function demoFeature(config: Pick<Config, 'mode'>): Feature {
  if (config.mode !== 'demo') return { name: 'demo' };
  let sim: Simulator | undefined;
  let console_: ConsoleRoutes | undefined;

  return {
    name: 'demo',
    async setup(s) {
      const tz = s.config.tz;
      const lookup = bundledHolidayLookup();
      const anchorBefore = await demoAnchor();
      // The demo company goes only into an empty database; otherwise WeCom's address book is the database's.
      const isDemo = anchorBefore !== undefined || (await EmployeeModel.estimatedDocumentCount()) === 0;
      const directory = isDemo ? demoDirectory() : await directoryFromDatabase();
      const userids = directory.users.map((u) => u.userid);
      const checkinsFor = (anchor: string) => demoCheckins({ anchor, tz, lookup, leaves: demoLeaves(anchor, lookup), userids, now: s.now });
      const port = s.config.port;
      sim = await createSimulator({
        corp: s.config.wecom,
        callbackUrl: `http://127.0.0.1:${port}/wecom/callback`,
        directory,
        checkins: checkinsFor(anchorBefore ?? localDate(s.now(), tz)),
        vacationTypes: DEMO_VACATION_TYPES,
        ...(isDemo ? { initialQuotas: demoQuotas() } : {}),
        trustedHosts: [...new Set([new URL(s.config.publicBaseUrl).host, `localhost:${port}`, `127.0.0.1:${port}`])],
        persistFile: join(s.config.dataDir, STATE_FILE),
        tz,
        now: s.now,
        logger: s.logger,
      });
      const simulator = sim;
      if (isDemo) {
        const outcome = await seedDemoCompany({
          keys: s.keys,
          tz,
          now: s.now(),
          instanceId: s.instanceId,
          lookup,
          outbox: s.outbox,
          payslipLinkFor: noticeLinkFor(payslipLinks(s.keys.link, s.config.publicBaseUrl)),
          checkins: checkinsFor,
          addSchedule: (schedule) => simulator.addSchedule({ ...schedule }),
          logger: s.logger.child({ component: 'demo-seed' }),
        });
        s.logger.info({ outcome: outcome.kind }, 'demo company');
      }
      console_ = consoleRoutes({
        simulator,
        personas: DEMO_PERSONAS.filter((p) => directory.users.some((u) => u.userid === p.userid)),
        isHr: await hrChecker(s),
        signOut: clearSession,
        publicBaseUrl: s.config.publicBaseUrl,
        companyName: s.config.companyName,
        tz,
        logger: s.logger.child({ component: 'console' }),
        now: s.now,
      });
      await console_.prepare();
    },
    routes() {
      if (!sim || !console_) throw new Error('demo feature used before setup');
      const home = new Router();
      home.get('/', (ctx) => ctx.redirect('/console'));
      return [home, sim.router, console_.router];
    },
    async start() {
      return {
        name: 'demo',
        stop: async () => {
          console_?.close();
          await sim?.close();
        },
      };
    },
  };
}

/** WeCom's view of a database that was filled by an import rather than the demo seed. */
async function directoryFromDatabase(): Promise<DirectoryData> {
  const [departments, employees] = await Promise.all([DepartmentModel.find({}).lean(), EmployeeModel.find({}).lean()]);
  return {
    departments: [
      ...(departments.some((d) => d.deptId === 1) ? [] : [{ id: 1, name: '公司', parentid: 0, order: 0, leaders: [] }]),
      ...departments.map((d) => ({ id: d.deptId, name: d.name, parentid: d.parentId ?? (d.deptId === 1 ? 0 : 1), order: d.order ?? 0, leaders: [] })),
    ],
    users: employees.map((e) => ({
      userid: e.userid,
      name: e.name,
      departments: e.departments.length > 0 ? e.departments : [1],
      position: e.position ?? '',
      leaderInDept: (e.departments.length > 0 ? e.departments : [1]).map(() => e.roles.includes('manager')),
      directLeader: e.managerUserid ? [e.managerUserid] : [],
      gender: '1' as const,
      status: e.active ? (1 as const) : (5 as const),
    })),
  };
}

/** HR people for the console's page links: the role, or WECOM_HR_ADMINS. */
async function hrChecker(s: Services): Promise<(userid: string) => boolean> {
  const hr = new Set([...(await EmployeeModel.find({ roles: 'hr' }, { userid: 1 }).lean()).map((e) => e.userid), ...s.config.hrAdmins]);
  return (userid) => hr.has(userid);
}
