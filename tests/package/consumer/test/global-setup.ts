import { startMock } from 'ai-call-center-mock';
import type {} from 'vitest'; // the module that ProvidedContext below extends
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

// One mock for the whole run, on a free port; the tests read its URL with inject('baseUrl').
export default async function setup(project: TestProject) {
  const mock = await startMock({ port: 0, log: 'off', auth: false });
  project.provide('baseUrl', mock.baseUrl);
  return () => mock.close();
}
