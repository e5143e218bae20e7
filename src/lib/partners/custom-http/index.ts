import type { ServerToServerPartner } from '../types';
import { catalog } from './catalog';
import { configSchema, useSettingsSchema } from './config';

export const customHttp: ServerToServerPartner = { catalog, configSchema, useSettingsSchema };
