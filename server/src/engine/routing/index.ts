// Where a Service's traffic comes from and where it lands: model, renders, hover and lens helpers.
export { buildRouting } from './build';
export type { RoutingOptions } from './build';
export type { FieldDoc, FieldDocs } from './fieldDocs';
export { NO_FIELD_DOCS, renderFieldSection, shortenDescription } from './fieldDocs';
export { fieldAt, objectAt } from './finder';
export type { FieldHit, PathSegment } from './finder';
export { hoverAt, routingAt, routingLenses } from './hover';
export type { HoverResult, RoutingContext, RoutingLens } from './hover';
export type { RenderOptions } from './markdown';
export type * from './model';
export { renderRoutingMarkdown, routingSummary } from './render';
export { renderWorkloadRoutes, routesToWorkload } from './workloadRoutes';
export type { WorkloadRoutes } from './workloadRoutes';
