// Placeholder, filled in by issue #17.
export default [];
