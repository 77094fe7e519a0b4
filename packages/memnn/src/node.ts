export { loadCheckpoint, saveCheckpoint } from './checkpoint-file.js';
