import { z } from 'zod';
import { handler } from './handler';

export interface StationIdentity {
  enrolled: boolean;
  stationId: string | null;
  stationName: string | null;
  warehouseId: string | null;
  warehouseName: string | null;
  serverUrl: string | null;
}

export const EnrollRequest = z.object({
  serverUrl: z.string().url().max(500),
  code: z.string().trim().min(6).max(64),
});

export const stationHandlers = {
  'station.get-identity': handler(z.undefined().optional()).returns<StationIdentity>(),
  'station.enroll': handler(EnrollRequest).returns<StationIdentity>(),
};
