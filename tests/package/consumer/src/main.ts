import { apiAt } from './api.js';

// VITE_MOCK=browser: the API answers from MSW's worker in the page, started before the first call.
const ready =
  import.meta.env.VITE_MOCK === 'browser'
    ? import('./mocks.js').then((mocks) => mocks.startBrowserMock())
    : Promise.resolve();
const api = apiAt(import.meta.env.VITE_API_BASE_URL ?? 'http://localhost:3001/api');
void ready
  .then(() => api.GET('/health'))
  .then(({ data }) => {
    document.body.textContent = data?.status ?? 'down';
  });
