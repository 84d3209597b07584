// The version of Marginalia this build is, stamped into new project files (kept equal to package.json by a test).
export const APP_VERSION = '0.1.0';
