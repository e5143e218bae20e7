import type { ServerToServerPartner } from '../types';
import { catalog } from './catalog';
import { configSchema, useSettingsSchema } from './config';

export const meta: ServerToServerPartner = { catalog, configSchema, useSettingsSchema };
