import * as tf from '@tensorflow/tfjs-core';

import { registerCpuFallbackKernels } from './cpu-fallback-kernels.js';
import { registerSegmentSumKernel } from './segment-sum-kernel.js';
import { formatValue } from './format-value.js';
import { SILENT_LOGGER } from './logger.js';
import type { Logger } from './logger.js';

/** The tfjs backends this project knows how to set up. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu' | 'webgpu';

/** A backend to use, or `'auto'` for the fastest one that loads. */
export type BackendRequest = BackendName | 'auto';

/** Every value {@link selectBackend} accepts for `backend`. */
export const BACKEND_REQUESTS: readonly BackendRequest[] = Object.freeze([
  'auto',
  'tensorflow',
  'wasm',
  'cpu',
  'webgpu',
]);

/** One way of getting a backend, tried in turn. */
interface Candidate {
  backend: BackendName;
  /** What the user reads: the package that provides it. */
  label: string;
  load: (options: ResolvedSelectOptions) => Promise<void>;
}

/** A candidate that was passed over, and why. */
export interface SkippedBackend {
  backend: BackendName;
  label: string;
  reason: string;
}

/** What {@link selectBackend} chose. */
export interface BackendSelection {
  /** The active tfjs backend. */
  backend: BackendName;
  /** The package that provides it. */
  label: string;
  /** Faster candidates that were tried first and failed. */
  skipped: SkippedBackend[];
  /** One plain sentence saying what was chosen and why. */
  message: string;
}

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /**
   * The backend to use, or `'auto'` for the first that loads of
   * tensorflow (tfjs-node-gpu, then tfjs-node), wasm and cpu. WebGPU is used
   * only when asked for by name.
   * @defaultValue 'auto'
   */
  backend?: BackendRequest;
  /**
   * Dawn options for the `webgpu` package, e.g. `['backend=opengles']`. When
   * `null`, the hardware adapters are tried first, then Dawn's OpenGL ES
   * backend on a surfaceless EGL display (a software driver on machines
   * without a GPU).
   * @defaultValue null
   */
  webgpuFlags?: string[] | null;
  /**
   * Whether tfjs may print its own console messages (such as its advice to
   * install tfjs-node). Libraries here never print, so by default they are
   * turned off with `tf.enableProdMode()`, which changes nothing else.
   * @defaultValue false
   */
  tfjsConsole?: boolean;
  /** Where the chosen backend is reported (`info`). */
  logger?: Logger;
}

type ResolvedSelectOptions = Required<SelectBackendOptions>;

/**
 * Loads a module that may not be installed. The specifier is a variable so
 * that bundlers and the type checker leave optional packages alone.
 */
async function importOptional(specifier: string): Promise<unknown> {
  return import(specifier);
}

function explain(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/Cannot find (module|package)|ERR_MODULE_NOT_FOUND/.test(text)) {
    return 'not installed: it is optional, and its install downloads libtensorflow';
  }
  return text.split('\n')[0] ?? text;
}

async function loadTensorflow(specifier: string): Promise<void> {
  await importOptional(specifier);
  if (tf.findBackendFactory('tensorflow') === null) {
    throw new Error(
      `${specifier} loaded but registered no backend with this tfjs-core ` +
        `(a second copy of @tensorflow/tfjs-core is installed)`,
    );
  }
  await activate('tensorflow');
}

async function activate(name: BackendName): Promise<void> {
  const ready = await tf.setBackend(name);
  if (!ready) {
    throw new Error(`tf.setBackend('${name}') failed to initialise`);
  }
  await tf.ready();
}

async function loadWasm(): Promise<void> {
  await importOptional('@tensorflow/tfjs-backend-wasm');
  await activate('wasm');
  // A direct one-pass segment sum first; the cpu bridge covers the rest.
  registerSegmentSumKernel('wasm');
  registerCpuFallbackKernels('wasm');
}

async function loadCpu(): Promise<void> {
  await importOptional('@tensorflow/tfjs-backend-cpu');
  await activate('cpu');
}

interface DawnModule {
  create: (flags: string[]) => unknown;
  globals: Record<string, unknown>;
}

interface GpuLike {
  requestAdapter(options?: Record<string, unknown>): Promise<unknown>;
}

/**
 * Ways to reach a WebGPU adapter through Dawn, best first: the hardware
 * adapters, then the OpenGL ES backend, which Dawn offers only at the
 * `compatibility` feature level (on a machine without a GPU, that is Mesa's
 * software rasteriser).
 */
const DAWN_ATTEMPTS: readonly { flags: string[]; featureLevel?: string }[] = [
  { flags: [] },
  { flags: ['backend=opengles'], featureLevel: 'compatibility' },
];

/**
 * Finds an adapter and returns a `navigator.gpu` for tfjs that asks for the
 * same feature level whenever tfjs requests an adapter.
 */
async function findGpu(
  dawn: DawnModule,
  flags: string[] | null,
): Promise<GpuLike> {
  const attempts = flags === null ? DAWN_ATTEMPTS : [{ flags }];
  for (const attempt of attempts) {
    const gpu = dawn.create(attempt.flags) as GpuLike;
    const extra =
      attempt.featureLevel === undefined
        ? {}
        : { featureLevel: attempt.featureLevel };
    if ((await gpu.requestAdapter(extra)) === null) {
      continue;
    }
    return Object.assign(Object.create(gpu) as GpuLike, {
      requestAdapter: (options: Record<string, unknown> = {}) =>
        gpu.requestAdapter({ ...options, ...extra }),
    });
  }
  throw new Error('Dawn found no WebGPU adapter');
}

async function loadWebgpu(options: ResolvedSelectOptions): Promise<void> {
  // Dawn's OpenGL ES backend needs a display; surfaceless EGL works headless.
  process.env['EGL_PLATFORM'] ??= 'surfaceless';
  const dawn = (await importOptional('webgpu')) as DawnModule;
  Object.assign(globalThis, dawn.globals);
  const gpu = await findGpu(dawn, options.webgpuFlags);
  // NOTE: tfjs' webgpu backend reads navigator.gpu when it is imported, so it
  // must exist first. Node 20 has no navigator at all.
  const host = globalThis as { navigator?: Record<string, unknown> };
  if (host.navigator === undefined) {
    Object.defineProperty(globalThis, 'navigator', {
      value: { gpu },
      configurable: true,
      writable: true,
    });
  } else {
    Object.defineProperty(host.navigator, 'gpu', {
      value: gpu,
      configurable: true,
    });
  }
  await importOptional('@tensorflow/tfjs-backend-webgpu');
  await activate('webgpu');
}

const CANDIDATES: readonly Candidate[] = [
  {
    backend: 'tensorflow',
    label: '@tensorflow/tfjs-node-gpu',
    load: () => loadTensorflow('@tensorflow/tfjs-node-gpu'),
  },
  {
    backend: 'tensorflow',
    label: '@tensorflow/tfjs-node',
    load: () => loadTensorflow('@tensorflow/tfjs-node'),
  },
  { backend: 'wasm', label: '@tensorflow/tfjs-backend-wasm', load: loadWasm },
  { backend: 'cpu', label: '@tensorflow/tfjs-backend-cpu', load: loadCpu },
  {
    backend: 'webgpu',
    label: '@tensorflow/tfjs-backend-webgpu on webgpu (Dawn)',
    load: loadWebgpu,
  },
];

/**
 * Loads and activates a TensorFlow.js backend, and says which one it chose and
 * why the faster ones were skipped.
 *
 * With `'auto'` it tries, in order, tfjs-node-gpu (CUDA), tfjs-node, wasm and
 * cpu, and keeps the first that loads. Optional packages are loaded with a
 * guarded dynamic `import()`, so a machine where they failed to install just
 * skips them. A backend named explicitly is the only one tried.
 *
 * @param options - The request, Dawn flags and a logger.
 * @returns The chosen backend, the skipped candidates and a one-sentence
 *   message (also sent to `logger.info`).
 * @throws RangeError for an unknown backend name; Error (with `cause`) when
 *   no requested backend loads.
 * @example
 * const selection = await selectBackend({ backend: 'cpu' });
 * selection.backend; // 'cpu'
 */
export async function selectBackend(
  options: SelectBackendOptions = {},
): Promise<BackendSelection> {
  const resolved: ResolvedSelectOptions = {
    backend: options.backend ?? 'auto',
    webgpuFlags: options.webgpuFlags ?? null,
    tfjsConsole: options.tfjsConsole ?? false,
    logger: options.logger ?? SILENT_LOGGER,
  };
  if (!BACKEND_REQUESTS.includes(resolved.backend)) {
    throw new RangeError(
      `selectBackend: backend must be one of ${BACKEND_REQUESTS.join(', ')}, ` +
        `got ${formatValue(resolved.backend)}.`,
    );
  }
  if (!resolved.tfjsConsole) {
    tf.enableProdMode();
  }
  const candidates = CANDIDATES.filter((candidate) =>
    resolved.backend === 'auto'
      ? candidate.backend !== 'webgpu'
      : candidate.backend === resolved.backend,
  );

  const skipped: SkippedBackend[] = [];
  for (const candidate of candidates) {
    try {
      await candidate.load(resolved);
    } catch (error) {
      skipped.push({ ...candidate, reason: explain(error) });
      continue;
    }
    const message = describeSelection(candidate, skipped, resolved.backend);
    resolved.logger.info(message);
    return {
      backend: candidate.backend,
      label: candidate.label,
      skipped: skipped.map(({ backend, label, reason }) => ({
        backend,
        label,
        reason,
      })),
      message,
    };
  }
  const reasons = skipped.map((s) => `${s.label}: ${s.reason}`).join('; ');
  throw new Error(
    `selectBackend: no backend could be loaded for ${resolved.backend} (${reasons}).`,
  );
}

function describeSelection(
  chosen: Candidate,
  skipped: readonly SkippedBackend[],
  request: BackendRequest,
): string {
  const how = request === 'auto' ? 'chosen automatically' : 'as requested';
  const because =
    skipped.length === 0
      ? ''
      : `; skipped ${skipped.map((s) => `${s.label} (${s.reason})`).join(', ')}`;
  return `backend ${chosen.backend} via ${chosen.label}, ${how}${because}.`;
}
