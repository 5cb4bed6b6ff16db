package io.starloom.worker.backend.preview;

import java.util.SplittableRandom;

/**
 * The camera's slow move over a shot: a straight pan, a gentle roll and a slight push in. Sky coordinates
 * are pixels of the frame at zoom 1, with the origin where the camera looks half-way through the shot.
 */
record CameraPath(int width, int height, double panX, double panY, double roll0, double rollDelta, double zoomDelta) {
    /** Share of the frame width the camera pans over a shot. */
    private static final double PAN_SHARE = 0.07;

    static CameraPath random(SplittableRandom random, int width, int height) {
        double direction = random.nextDouble() * 2 * Math.PI;
        double pan = PAN_SHARE * width;
        double roll0 = Math.toRadians(-4 + 8 * random.nextDouble());
        double rollDelta = Math.toRadians((1.5 + 1.5 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1));
        return new CameraPath(width, height, pan * StrictMath.cos(direction), pan * StrictMath.sin(direction), roll0, rollDelta, 0.035);
    }

    /** Where the camera is at {@code t} in [0, 1] of the shot. */
    Pose at(double t) {
        return new Pose(width, height, (t - 0.5) * panX, (t - 0.5) * panY, roll0 + t * rollDelta, 1 + t * zoomDelta);
    }

    /** One camera position: maps frame pixels to sky coordinates and back. */
    static final class Pose {
        private final int width;
        private final int height;
        private final double x;
        private final double y;
        private final double angle;
        private final double zoom;
        private final double cos;
        private final double sin;

        Pose(int width, int height, double x, double y, double angle, double zoom) {
            this.width = width;
            this.height = height;
            this.x = x;
            this.y = y;
            this.angle = angle;
            this.zoom = zoom;
            this.cos = StrictMath.cos(angle);
            this.sin = StrictMath.sin(angle);
        }

        double angle() {
            return angle;
        }

        double zoom() {
            return zoom;
        }

        double skyX(double screenX, double screenY) {
            return x + (cos * (screenX - width / 2.0) - sin * (screenY - height / 2.0)) / zoom;
        }

        double skyY(double screenX, double screenY) {
            return y + (sin * (screenX - width / 2.0) + cos * (screenY - height / 2.0)) / zoom;
        }

        double screenX(double skyX, double skyY) {
            return width / 2.0 + zoom * (cos * (skyX - x) + sin * (skyY - y));
        }

        double screenY(double skyX, double skyY) {
            return height / 2.0 + zoom * (-sin * (skyX - x) + cos * (skyY - y));
        }
    }
}
