package io.starloom.worker.backend.preview;

/** An axis-aligned rectangle of sky coordinates. */
record SkyRegion(double minX, double minY, double maxX, double maxY) {

    /** Everything the camera sees during the shot, plus {@code margin} on every side. */
    static SkyRegion seenBy(CameraPath path, double margin) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        // Pan and zoom are linear and the roll is a few degrees, so corners at a few instants bound the view.
        for (int step = 0; step <= 8; step++) {
            CameraPath.Pose pose = path.at(step / 8.0);
            for (int corner = 0; corner < 4; corner++) {
                double sx = (corner & 1) == 0 ? 0 : path.width();
                double sy = (corner & 2) == 0 ? 0 : path.height();
                double x = pose.skyX(sx, sy);
                double y = pose.skyY(sx, sy);
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
            }
        }
        return new SkyRegion(minX - margin, minY - margin, maxX + margin, maxY + margin);
    }

    double width() {
        return maxX - minX;
    }

    double height() {
        return maxY - minY;
    }

    boolean contains(double x, double y) {
        return x >= minX && x < maxX && y >= minY && y < maxY;
    }
}
