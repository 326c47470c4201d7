// Runs in the renderer. Must be imported first: zod 4 probes `new Function` to JIT object parsers, which the page CSP
// (script-src 'self', no 'unsafe-eval') reports as a violation. Jitless parsing needs no eval.
import { z } from "zod";

z.config({ jitless: true });
