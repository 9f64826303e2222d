import { BadRequestException, Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Clock } from './clock';

/** Registered only when NODE_ENV=test (see AppModule): end-to-end tests move the server's clock. */
@ApiExcludeController()
@Controller('api/test/clock')
export class TestClockController {
  constructor(private readonly clock: Clock) {}

  @Post('advance')
  @HttpCode(200)
  advance(@Body() body: { ms?: unknown }) {
    if (typeof body?.ms !== 'number' || !Number.isFinite(body.ms)) throw new BadRequestException('ms must be a number');
    this.clock.advance(body.ms);
    return { now: this.clock.now().toISOString(), offsetMs: this.clock.offset };
  }

  @Post('reset')
  @HttpCode(200)
  reset() {
    this.clock.reset();
    return { now: this.clock.now().toISOString(), offsetMs: 0 };
  }
}
