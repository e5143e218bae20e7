import type { ServerToServerPartner } from '../types';
import { catalog } from './catalog';
import { configSchema, useSettingsSchema } from './config';

export const cm360: ServerToServerPartner = { catalog, configSchema, useSettingsSchema };
