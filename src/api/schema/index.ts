import { builder } from './builder.js';
import './errors.js';
import './me.js';

export function buildSchema() {
  return builder.toSchema({ sortSchema: false });
}
