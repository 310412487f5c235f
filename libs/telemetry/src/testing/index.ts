export { OTLP_SPAN_KIND, spansOfOtlpJson, startOtlpJsonCollector, type CollectedSpan, type OtlpJsonCollector } from './otlp-json-collector';
