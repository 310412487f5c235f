import 'reflect-metadata';
import { createValidationPipe, ProblemException } from '@itsm/platform-kit';
import { UpdateServiceRequest } from '../update-service/update-service.request.dto';
import { RegisterServiceRequest } from './register-service.request.dto';

const fieldsOf = async (metatype: typeof RegisterServiceRequest | typeof UpdateServiceRequest, body: unknown) => {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype });
    return [200, []];
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return [error.problem.status, (error.problem.errors ?? []).map((fieldError) => fieldError.field)];
  }
};

const service = { name: 'Payments', kind: 'business', description: 'Card payments', ownerGroup: 'payments', supportGroup: 'desk' };

describe('criticality in RegisterServiceRequest and UpdateServiceRequest', () => {
  it.each(['low', 'medium', 'high', 'critical'])('takes %p', async (criticality) => {
    expect(await fieldsOf(RegisterServiceRequest, { ...service, criticality })).toEqual([200, []]);
    expect(await fieldsOf(UpdateServiceRequest, { criticality })).toEqual([200, []]);
  });

  it('is optional when registering (the decider makes it medium)', async () => {
    expect(await fieldsOf(RegisterServiceRequest, service)).toEqual([200, []]);
  });

  it.each(['vital', 'Critical', '', 3, null])('refuses %p, naming the field', async (criticality) => {
    expect(await fieldsOf(RegisterServiceRequest, { ...service, criticality })).toEqual([400, ['criticality']]);
    expect(await fieldsOf(UpdateServiceRequest, { criticality })).toEqual([400, ['criticality']]);
  });
});
