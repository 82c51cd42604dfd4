/**
 * 工资条: the 查工资 flow (answers with a link, never a figure), the payslip
 * page and its PDF behind WeCom sign-in, 确认无误 / 有疑问, and HR's import and
 * publish pages. Imports and publishing are also CLI commands.
 */
import type { Feature, Services } from '../feature.js';
import { pageAuthFor } from '../auth/options.js';
import { payslipQueryFlow } from '../../flows/payslip/queryFlow.js';
import { publishPayslips } from '../../flows/payslip/publish.js';
import { acknowledge, askQuestion } from '../../flows/payslip/feedback.js';
import { chatLinkFor, noticeLinkFor, payslipLinks, type PayslipLinks } from '../../miniapp/payslip/link.js';
import { payslipRoutes } from '../../miniapp/payslip/routes.js';
import { hrPayslipRoutes } from '../../miniapp/hr/payslipRoutes.js';

function links(s: Services): PayslipLinks {
  return payslipLinks(s.keys.link, s.config.publicBaseUrl);
}

export function payslipFeature(): Feature {
  return {
    name: 'payslip',
    flows: (s) => [payslipQueryFlow(chatLinkFor(links(s)))],
    routes(s) {
      const l = links(s);
      const access = { links: l, auth: pageAuthFor(s), now: s.now };
      return [
        payslipRoutes({
          ...access,
          key: s.keys.payslip,
          tz: s.config.tz,
          companyName: s.config.companyName,
          acknowledge: (userid, month) => acknowledge(userid, month, 'web', { now: s.now() }),
          askQuestion: (userid, month, text) => askQuestion(userid, month, text, 'web', {
            key: s.keys.payslip, outbox: s.outbox, hrAdmins: s.config.hrAdmins, linkFor: noticeLinkFor(l), now: s.now(),
          }),
        }),
        hrPayslipRoutes({
          ...access,
          key: s.keys.payslip,
          tz: s.config.tz,
          publish: (month, actor) => publishPayslips(month, actor, 'web', { outbox: s.outbox, linkFor: noticeLinkFor(l), tz: s.config.tz, now: s.now() }),
        }),
      ];
    },
  };
}
