// Where the built site is: dist/, or E2E_DIST when a build elsewhere is to be tested (several
// builds side by side, e.g. while dist/ is being rebuilt).
export const DIST_DIR = process.env['E2E_DIST'] ?? 'dist';
