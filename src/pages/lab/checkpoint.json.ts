/**
 * The trained lab model, served as /lab/checkpoint.json so lessons 7 and 8 fetch it when
 * their widgets start (and can say so clearly when it is missing or corrupt) instead of
 * carrying 90 KB of weights in every page's script.
 */
import type { APIRoute } from 'astro';
import { labCheckpointJson } from '../../lib/lab';

export const GET: APIRoute = () => new Response(JSON.stringify(labCheckpointJson()), { headers: { 'Content-Type': 'application/json' } });
