import type { ServerToServerPartner } from '../types';
import { adapter } from './adapter';
import { catalog } from './catalog';
import { configSchema, useSettingsSchema } from './config';

export const clang: ServerToServerPartner = { catalog, configSchema, useSettingsSchema, adapter };
