import type { Access, CreateUserInput, Principal, Role, ScopeTarget } from './accounts.model.ts';

export function isAllowedRole(principal: Principal, access: Access): boolean {
  return 'public' in access || access.roles.includes(principal.role);
}

/**
 * Whether the principal's scope covers a resource. A department admin is bound to one department (and, when
 * scoped, one province); a province admin and a provincial supervisor to one province; an institution operator to
 * one institution; a holder to their own records. A field the resource does not have is not checked.
 */
export function coversScope(principal: Principal, target: ScopeTarget): boolean {
  const sameOrUnset = (mine: string | null, theirs: string | null | undefined) =>
    mine === null || theirs === undefined || mine === theirs;
  switch (principal.role) {
    case 'system-admin':
      return true;
    case 'department-admin':
      return (
        target.department !== undefined &&
        target.department === principal.department &&
        sameOrUnset(principal.province, target.province)
      );
    case 'province-admin':
      return target.province !== undefined && target.province === principal.province;
    case 'supervisor':
      return sameOrUnset(principal.province, target.province);
    case 'institution-operator':
      return target.institution !== undefined && target.institution === principal.institution;
    case 'holder':
      return target.holderId !== undefined && target.holderId === principal.holderId;
  }
}

export interface ScopeProblem {
  path: string;
  message: string;
}

/** The scope fields each role needs (and may not have): checked when a user is created. */
export function checkRoleScope(
  input: Pick<CreateUserInput, 'role' | 'department' | 'province' | 'institution' | 'holderIdNumber'>,
) {
  const problems: ScopeProblem[] = [];
  const need = (field: 'department' | 'province' | 'institution', role: Role) => {
    if (!input[field]) problems.push({ path: field, message: `required for role ${role}` });
  };
  const forbid = (field: 'department' | 'province' | 'institution', role: Role) => {
    if (input[field]) problems.push({ path: field, message: `not allowed for role ${role}` });
  };
  if (input.role === 'holder' && !input.holderIdNumber) {
    problems.push({ path: 'holderIdNumber', message: 'required for role holder' });
  }
  if (input.role !== 'holder' && input.holderIdNumber) {
    problems.push({ path: 'holderIdNumber', message: `not allowed for role ${input.role}` });
  }
  switch (input.role) {
    case 'system-admin':
    case 'holder':
      forbid('department', input.role);
      forbid('province', input.role);
      forbid('institution', input.role);
      break;
    case 'department-admin':
      need('department', input.role);
      forbid('institution', input.role);
      break;
    case 'province-admin':
      need('province', input.role);
      forbid('department', input.role);
      forbid('institution', input.role);
      break;
    case 'institution-operator':
      need('institution', input.role);
      forbid('department', input.role);
      break;
    case 'supervisor':
      forbid('department', input.role);
      forbid('institution', input.role);
      break;
  }
  return problems;
}
