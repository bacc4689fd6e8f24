import { apiAt } from './api.js';

const api = apiAt(import.meta.env.VITE_API_BASE_URL ?? 'http://localhost:3001/api');
api.GET('/health').then(({ data }) => {
  document.body.textContent = data?.status ?? 'down';
});
