import type { ErrorCategory } from './adapter';
import type { PartnerType } from './types';

export const partnerTypeLabels: Record<PartnerType, string> = {
	socialAdvertising: 'Social advertising',
	displayAndVideo: 'Display & video',
	conversionTracking: 'Conversion tracking',
	displayRetargeting: 'Display retargeting',
	cloudStorage: 'Cloud storage',
	emailMarketing: 'E-mail marketing',
	customEndpoint: 'Custom endpoint'
};

/** The statistics' words for each error category. */
export const errorCategoryLabels: Record<ErrorCategory, string> = {
	otherError: 'Other error',
	invalidCredentials: 'Invalid credentials',
	timeout: 'Timeout',
	partnerError: 'Partner error'
};
