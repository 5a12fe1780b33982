/**
 * The trained lab model, served as /lab/checkpoint.json so lessons 7 and 8 fetch it when
 * their widgets start (and can say so clearly when it is missing or corrupt) instead of
 * carrying 90 KB of weights in every page's script.
 */
import type { APIRoute } from 'astro';
import checkpoint from '../../../content/lab/checkpoint.json';
import { parseCheckpoint } from '../../training';

export const GET: APIRoute = () => {
  parseCheckpoint(checkpoint); // a corrupt checkpoint fails the build, not the reader
  return new Response(JSON.stringify(checkpoint), { headers: { 'Content-Type': 'application/json' } });
};
