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
