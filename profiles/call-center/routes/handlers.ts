import type { CallCenterHandler } from '../state.ts';
import { getCurrentUser, login, logout, refreshToken } from './auth.ts';
import { deleteCallHistory, getCall, listCalls, placeCall } from './calls.ts';
import { deleteFile, downloadFile, uploadFile } from './files.ts';
import { getHealth } from './health.ts';
import { getStatistics } from './statistics.ts';

/**
 * The operations whose behaviour no contract can state: logging in, placing a call and its
 * simulated progress, the call index behind the call list, the history delete, audio uploads and
 * downloads, and the statistics. The engine serves every other operation (the knowledge base,
 * topics, the file list) from the contract.
 */
export const HANDLERS: Record<string, CallCenterHandler> = {
  getHealth,
  login,
  refreshToken,
  logout,
  getCurrentUser,
  placeCall,
  listCalls,
  getCall,
  deleteCallHistory,
  uploadFile,
  downloadFile,
  deleteFile,
  getStatistics,
};
