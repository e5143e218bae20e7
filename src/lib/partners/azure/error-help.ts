import type { ErrorHelp } from '$lib/domain/stats-help';

/** What each of Azure Blob Storage's error codes means and what to do, for the in-app help. */
export const errorHelp: readonly ErrorHelp[] = [
	{ code: 'AuthenticationFailed', title: 'the SAS token expired or its signature does not match', meaning: 'Azure refused the SAS token (counted as Invalid credentials).', action: 'Renew the token: generate a new SAS token with create and write permission, and update the connector.', retried: false },
	{ code: 'NoAuthenticationInformation', title: 'the request carries no SAS token', meaning: 'The connector has no token (counted as Invalid credentials).', action: 'Paste the SAS token into the connector.', retried: false },
	{ code: 'InvalidAuthenticationInfo', title: 'the credentials are not in the correct format', meaning: 'The SAS token is malformed (counted as Invalid credentials).', action: 'Copy the SAS token again, without the leading "?".', retried: false },
	{ code: 'AuthorizationFailure', title: 'the account does not allow this platform (not allowlisted)', meaning: 'The storage account’s network rules refuse the platform’s addresses.', action: 'Check the allowlisting: add the platform’s IP ranges to the storage account’s firewall.', retried: false },
	{ code: 'AuthorizationPermissionMismatch', title: 'the SAS token lacks create or write permission', meaning: 'The token is valid but may not write blobs.', action: 'Generate a SAS token with create (c) and write (w) permission.', retried: false },
	{ code: 'InsufficientAccountPermissions', title: 'the account lacks permission for the operation', meaning: 'The storage account may not do this operation.', action: 'Check the storage account’s settings in the Azure portal.', retried: false },
	{ code: 'AccountIsDisabled', title: 'the storage account is disabled', meaning: 'The account was disabled in Azure.', action: 'Ask the account’s owner to enable it.', retried: false },
	{ code: 'ContainerNotFound', title: 'the container does not exist', meaning: 'The container named in the connector is not in the account.', action: 'Create the container, or fix its name in the connector.', retried: false },
	{ code: 'RequestBodyTooLarge', title: 'the file is over the Put Blob size limit', meaning: 'One file is too large for a single upload.', action: 'Lower the batch size.', retried: false },
	{ code: 'InternalError', title: 'Azure had an internal error', meaning: 'An error on Azure’s side.', action: 'Nothing: the engine retries.', retried: true },
	{ code: 'ServerBusy', title: 'the account is over its ingress or operations limit', meaning: 'Azure throttles the account.', action: 'Wait for the quota: the engine retries with backoff.', retried: true },
	{ code: 'OperationTimedOut', title: 'the operation timed out on Azure’s side', meaning: 'Azure could not finish in time.', action: 'Nothing: the engine retries.', retried: true }
];
