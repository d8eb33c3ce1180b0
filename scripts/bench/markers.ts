// Text the bench waits for in the minimal app's frames (shared by the app and the bench).
export const MINIMAL_READY = 'minimal app ready';
