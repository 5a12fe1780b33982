/**
 * The trained text model (lesson 10), served as /lab/text-checkpoint.json so the lesson's
 * widget fetches its 230 kB when it starts instead of carrying it in the page's script.
 */
import type { APIRoute } from 'astro';
import { textCheckpointJson } from '../../lib/text';

export const GET: APIRoute = () => new Response(JSON.stringify(textCheckpointJson()), { headers: { 'Content-Type': 'application/json' } });
