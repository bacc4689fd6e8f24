import type { OperationId } from '../../spec/models.ts';
import { getCurrentUser, login, logout, refreshToken } from './auth.ts';
import { deleteCallHistory, getCall, listCalls, placeCall } from './calls.ts';
import { deleteFile, downloadFile, getFile, listFiles, uploadFile } from './files.ts';
import { getHealth } from './health.ts';
import { createQa, deleteQa, getQa, listQas, updateQa } from './qa.ts';
import type { Handler } from './reply.ts';
import { getStatistics } from './statistics.ts';
import { createTopic, deleteTopic, getTopic, listTopics } from './topics.ts';

/**
 * One handler per operationId of openapi.yaml. Typed by the generated operation ids, so adding an
 * operation to the spec and regenerating fails the type check until the mock implements it.
 */
export const HANDLERS: Record<OperationId, Handler> = {
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
  listFiles,
  getFile,
  downloadFile,
  deleteFile,
  createQa,
  listQas,
  getQa,
  updateQa,
  deleteQa,
  createTopic,
  listTopics,
  getTopic,
  deleteTopic,
  getStatistics,
};
