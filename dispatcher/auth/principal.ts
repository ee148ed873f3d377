import type { Role } from '../../common/auth-token.js';

/**
 * Who is calling, from a verified token.
 *   student     their own submissions and runs; statements and samples of their courses' problems
 *   instructor  problems and every submission of their courses
 *   admin       everything, stats, the webhook log
 *   service     an LMS: submits on behalf of a named user within its courses, reads what it submitted
 */
export interface Principal {
  /** `sub`: a user id, or a service client's id. */
  id: string;
  role: Role;
  /** Course ids the token is scoped to (admins are not limited by them). */
  courses: readonly string[];
}

/** True when the principal may act on things of `courseId` (admins: always). */
export function inCourse(principal: Principal, courseId: string): boolean {
  return principal.role === 'admin' || principal.courses.includes(courseId);
}

/** Instructors of the course and admins. */
export function teaches(principal: Principal, courseId: string): boolean {
  return principal.role === 'admin' || (principal.role === 'instructor' && principal.courses.includes(courseId));
}

/** Staff see hidden test details, package archives, every submission of their courses. */
export function isStaff(principal: Principal): boolean {
  return principal.role === 'admin' || principal.role === 'instructor';
}
