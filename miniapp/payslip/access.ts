/**
 * Who may see which slip, decided in one place. A payslip URL must carry a
 * valid, unexpired link token; the reader must be signed in through WeCom;
 * and the reader must be the slip's owner — or HR, whose every look is
 * audited. The order matters: a dead link is explained before anyone is sent
 * through sign-in for nothing.
 */
import type { Context } from 'koa';
import { EmployeeModel, type Employee } from '../../models/employee.js';
import type { PageAuth } from '../pageAuth.js';
import type { PayslipLinkClaims, PayslipLinks } from './link.js';

export type Access =
  | { readonly kind: 'expired' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'sign_in'; readonly next: string }
  | { readonly kind: 'not_employee' }
  | { readonly kind: 'forbidden'; readonly viewer: Employee; readonly claims: PayslipLinkClaims }
  | { readonly kind: 'ok'; readonly as: 'owner' | 'hr'; readonly viewer: Employee; readonly owner: Employee; readonly claims: PayslipLinkClaims };

export interface AccessOptions {
  readonly links: PayslipLinks;
  readonly auth: PageAuth;
  readonly now: () => Date;
}


export async function checkAccess(ctx: Context, token: string, opts: AccessOptions): Promise<Access> {
  const link = opts.links.verify(token, opts.now());
  if (!link.ok) return link.reason === 'expired' ? { kind: 'expired' } : { kind: 'invalid' };
  if (!opts.auth.signedInUserid(ctx)) return { kind: 'sign_in', next: ctx.originalUrl };
  const viewer = await opts.auth.currentEmployee(ctx);
  if (!viewer) return { kind: 'not_employee' };
  const { claims } = link;
  if (viewer.userid === claims.userid) return { kind: 'ok', as: 'owner', viewer, owner: viewer, claims };
  if (!opts.auth.isHr(viewer)) return { kind: 'forbidden', viewer, claims };
  const owner = await EmployeeModel.findOne({ userid: claims.userid }).lean();
  if (!owner) return { kind: 'invalid' };
  return { kind: 'ok', as: 'hr', viewer, owner, claims };
}
