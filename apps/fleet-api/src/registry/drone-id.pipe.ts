import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { TELEMETRY_V1 } from '@wingxtra/contracts';

const DRONE_ID = new RegExp(TELEMETRY_V1.droneIdPattern);

/** A {drone_id} path parameter in the v1 pattern, else 400. */
@Injectable()
export class DroneIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!DRONE_ID.test(value)) throw new BadRequestException(`drone_id must match ${TELEMETRY_V1.droneIdPattern}`);
    return value;
  }
}
