import { Module } from '@nestjs/common';
import { ConsoleConfigController } from './console-config.controller';

/** `GET /api/v1/console/config` for the web console; imported by the hosts that serve it (the embedded platform, the gateway). */
@Module({ controllers: [ConsoleConfigController] })
export class ConsoleConfigModule {}
