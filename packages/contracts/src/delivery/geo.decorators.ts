import { IsNumber, Max, Min } from 'class-validator';

type PropertyDecorator = (target: object, propertyKey: string) => void;

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}

/** A latitude in degrees: a JSON number in [-90, 90] (strings refused; the JSON Schema says the same). */
export const Latitude = (): PropertyDecorator =>
  compose(IsNumber({ allowNaN: false, allowInfinity: false }), Min(-90), Max(90));

/** A longitude in degrees: a JSON number in [-180, 180]. */
export const Longitude = (): PropertyDecorator =>
  compose(IsNumber({ allowNaN: false, allowInfinity: false }), Min(-180), Max(180));
