import { join } from 'node:path';

import { readDicomSeries } from '../src/dicom-series.js';
import type { DicomSeries } from '../src/dicom-series.js';
import { hounsfieldUnits } from '../src/hounsfield.js';
import type { HounsfieldVolume } from '../src/hounsfield.js';
import { resample } from '../src/resample.js';
import type { ResampledVolume } from '../src/resample.js';
import { SHARED_CT } from './shared-data.js';
import type { Slab } from './shared-data.js';

interface SlabVolumes {
  series: DicomSeries;
  hu: HounsfieldVolume;
  cubic: ResampledVolume;
}

const cache = new Map<Slab, Promise<SlabVolumes>>();

/** Series, HU and cubic 1 mm volume of a shared slab, computed once per test file. */
export function slabVolumes(slab: Slab): Promise<SlabVolumes> {
  let entry = cache.get(slab);
  if (entry === undefined) {
    entry = (async () => {
      const series = await readDicomSeries(join(SHARED_CT, slab));
      const hu = hounsfieldUnits(series);
      return { series, hu, cubic: resample(hu) };
    })();
    cache.set(slab, entry);
  }
  return entry;
}
