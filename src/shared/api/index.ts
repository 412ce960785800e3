import * as accessKeys from './access-keys';
import * as activity from './activity';
import * as admins from './admins';
import * as apiKeys from './api-keys';
import * as applications from './applications';
import * as directoryGroups from './directory-groups';
import * as events from './events';
import * as incomingKeys from './incoming-keys';
import * as scimSummary from './scim-summary';
import * as session from './session';
import * as settings from './settings';
import * as setupStatus from './setup-status';
import * as signInEvents from './sign-in-events';
import * as userDetails from './user-details';
import * as users from './users';
import * as webhooks from './webhooks';

export * from './access-keys';
export * from './activity';
export * from './admins';
export * from './api-keys';
export * from './applications';
export * from './directory-groups';
export * from './endpoint';
export * from './errors';
export * from './events';
export * from './incoming-keys';
export * from './scim-summary';
export * from './session';
export * from './settings';
export * from './setup-status';
export * from './sign-in-events';
export * from './user-details';
export * from './users';
export * from './webhooks';

/** Every endpoint of the admin API, keyed by operation id. */
export const api = {
  getSession: session.getSession,
  signIn: session.signIn,
  signOut: session.signOut,
  changePassword: admins.changePassword,
  listAdmins: admins.listAdmins,
  addAdmin: admins.addAdmin,
  removeAdmin: admins.removeAdmin,
  listApplications: applications.listApplications,
  createApplication: applications.createApplication,
  rotateApplicationSecret: applications.rotateApplicationSecret,
  removeApplication: applications.removeApplication,
  getSettings: settings.getSettings,
  getIncomingKeys: incomingKeys.getIncomingKeys,
  saveIncomingKeys: incomingKeys.saveIncomingKeys,
  verifyIncomingKeys: incomingKeys.verifyIncomingKeys,
  listAccessKeys: accessKeys.listAccessKeys,
  createAccessKey: accessKeys.createAccessKey,
  revokeAccessKey: accessKeys.revokeAccessKey,
  getScimSummary: scimSummary.getScimSummary,
  getSetupStatus: setupStatus.getSetupStatus,
  listDirectoryGroups: directoryGroups.listDirectoryGroups,
  createDirectoryGroup: directoryGroups.createDirectoryGroup,
  updateDirectoryGroup: directoryGroups.updateDirectoryGroup,
  deleteDirectoryGroup: directoryGroups.deleteDirectoryGroup,
  suggestDirectoryGroups: directoryGroups.suggestDirectoryGroups,
  previewSeatEffect: directoryGroups.previewSeatEffect,
  listUsers: users.listUsers,
  getLicenceTotals: users.getLicenceTotals,
  getUser: userDetails.getUser,
  exportUsers: userDetails.exportUsers,
  listSignInEvents: signInEvents.listSignInEvents,
  listProvisioningActivity: activity.listProvisioningActivity,
  exportProvisioningActivity: activity.exportProvisioningActivity,
  getActivityChart: activity.getActivityChart,
  listAuditLog: activity.listAuditLog,
  getSyncHealth: activity.getSyncHealth,
  reactivateBurst: activity.reactivateBurst,
  listWebhooks: webhooks.listWebhooks,
  createWebhook: webhooks.createWebhook,
  updateWebhook: webhooks.updateWebhook,
  deleteWebhook: webhooks.deleteWebhook,
  sendTestWebhook: webhooks.sendTestWebhook,
  listWebhookDeliveries: webhooks.listWebhookDeliveries,
  resendWebhookDelivery: webhooks.resendWebhookDelivery,
  listApiKeys: apiKeys.listApiKeys,
  createApiKey: apiKeys.createApiKey,
  revokeApiKey: apiKeys.revokeApiKey,
  listEvents: events.listEvents,
  listDirectoryUsers: events.listDirectoryUsers,
  getDirectoryUser: events.getDirectoryUser,
  listDirectoryGroupsV1: events.listDirectoryGroupsV1,
} as const;
export type Api = typeof api;
export type OperationId = keyof Api;
