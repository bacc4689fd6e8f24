// The frontend's mock mode (`VITE_MOCK=browser`): MSW's service worker answers the API in the page
// through the package's own engine, so the app runs with no backend and no mock server.
import { createBrowserMockHandlers } from 'ai-call-center-mock/msw/browser';
import { setupWorker } from 'msw/browser';

export async function startBrowserMock(): Promise<void> {
  const { handlers, mock } = await createBrowserMockHandlers({ seed: 7, auth: false });
  await setupWorker(...handlers).start({ onUnhandledRequest: 'bypass' });
  console.info(`mock API in the page, ${mock.ctx.store.names().length} collections`);
}
