import { UnrecoverableError, type Job } from 'bullmq';
import { JobName } from '../queue/queue-names';
import type { MailDeliveryService } from './mail-delivery.service';
import type { MailQueue } from './mail.queue';
import { MailSendError, type MailTransport } from './mail-transport';
import { MailProcessor } from './mail.processor';

function setup() {
  const delivery = { deliver: jest.fn(), reconcile: jest.fn() };
  const transport: MailTransport = { kind: 'log', send: jest.fn(), close: jest.fn() };
  const sut = new MailProcessor(delivery as unknown as MailDeliveryService, {} as MailQueue, transport);
  return { sut, delivery };
}

const job = (name: string, attemptsMade: number, attempts = 3, stalledCounter = 0) =>
  ({ name, data: { outboxId: 'm1' }, attemptsMade, stalledCounter, opts: { attempts } }) as unknown as Job;

describe(MailProcessor.name, () => {
  it.each([
    [0, false],
    [1, false],
    [2, true],
  ])('after %i failed attempts of 3, tells the delivery whether this one is the last (%s)', async (made, last) => {
    const { sut, delivery } = setup();
    delivery.deliver.mockResolvedValue('sent');
    await expect(sut.process(job(JobName.MailSend, made))).resolves.toBe('sent');
    expect(delivery.deliver).toHaveBeenCalledWith('m1', { lastAttempt: last, takeOver: false });
  });

  it('takes the message over when BullMQ moved the job back from a dead worker (stalled)', async () => {
    const { sut, delivery } = setup();
    delivery.deliver.mockResolvedValue('sent');
    await sut.process(job(JobName.MailSend, 0, 3, 1));
    expect(delivery.deliver).toHaveBeenCalledWith('m1', { lastAttempt: false, takeOver: true });
  });

  it('stops the retries when the server refused the message for good', async () => {
    const { sut, delivery } = setup();
    delivery.deliver.mockRejectedValue(new MailSendError('EENVELOPE 550: rejected', true));
    await expect(sut.process(job(JobName.MailSend, 0))).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it('lets the queue retry any other failure', async () => {
    const { sut, delivery } = setup();
    const error = new MailSendError('ESOCKET: connect ECONNREFUSED', false);
    delivery.deliver.mockRejectedValue(error);
    await expect(sut.process(job(JobName.MailSend, 0))).rejects.toBe(error);
  });

  it('runs the reconciler, and refuses a job it does not know', async () => {
    const { sut, delivery } = setup();
    delivery.reconcile.mockResolvedValue(2);
    await expect(sut.process(job(JobName.MailReconcile, 0))).resolves.toEqual({ requeued: 2 });
    await expect(sut.process(job('Nonsense', 0))).rejects.toBeInstanceOf(UnrecoverableError);
  });
});
