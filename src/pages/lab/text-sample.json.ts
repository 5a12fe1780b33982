/**
 * The corpus sample of lesson 10's "watch it form" (src/build/text-sample.ts), served as
 * /lab/text-sample.json: fetched only when a reader presses Train.
 */
import type { APIRoute } from 'astro';
import { textSample } from '../../build/text-sample';

export const GET: APIRoute = () => new Response(JSON.stringify(textSample()), { headers: { 'Content-Type': 'application/json' } });
