export { traceHttpRequests } from './trace-http-requests.middleware';
export { CommandSpanInterceptor } from './command-span.interceptor';
