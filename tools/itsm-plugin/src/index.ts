export { contextGenerator, type ContextGeneratorSchema } from './generators/context/context.generator';
