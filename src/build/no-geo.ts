/**
 * Stands in for d3-geo in the site's bundles (astro.config.mjs aliases it here). Observable
 * Plot imports d3-geo for map projections and geo marks; the course draws no maps, and d3-geo
 * is 10 KB (gzip) of every lesson's JavaScript. Plot calls these only for a `projection`
 * option or a geo mark; doing either now fails with this message instead of drawing wrong.
 * The names are those Plot 0.6 imports from d3 that d3-geo provides.
 */
function leftOut(): never {
  throw new Error('d3-geo is left out of this site (src/build/no-geo.ts): Plot projections and geo marks are not available; remove the alias in astro.config.mjs to use them');
}

export const geoAlbers = leftOut;
export const geoAlbersUsa = leftOut;
export const geoAzimuthalEqualArea = leftOut;
export const geoAzimuthalEquidistant = leftOut;
export const geoCentroid = leftOut;
export const geoClipRectangle = leftOut;
export const geoConicConformal = leftOut;
export const geoConicEqualArea = leftOut;
export const geoConicEquidistant = leftOut;
export const geoEqualEarth = leftOut;
export const geoEquirectangular = leftOut;
export const geoGnomonic = leftOut;
export const geoGraticule = leftOut;
export const geoGraticule10 = leftOut;
export const geoMercator = leftOut;
export const geoOrthographic = leftOut;
export const geoPath = leftOut;
export const geoStereographic = leftOut;
export const geoStream = leftOut;
/** A transform whose stream fails when used (Plot creates one as its module loads). */
export const geoTransform = (): { stream: () => never } => ({ stream: leftOut });
export const geoTransverseMercator = leftOut;
