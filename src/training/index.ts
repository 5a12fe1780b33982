/**
 * Training on ml-matrix, pure (no DOM): backward passes, optimiser, tasks, trainer,
 * head importance. Runs the same in Node, in a Worker and in the page.
 */
export { mhaGradients, mhaBackward, softmaxRowsBackward, type MhaGradients } from './mhaBackward';
