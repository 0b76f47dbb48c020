#!/usr/bin/env node
/**
 * The `kube-traffic` executable.
 *
 * @module
 */
import { main } from './main.js';

await main('kube-traffic');
