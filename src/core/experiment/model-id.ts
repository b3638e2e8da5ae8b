// The model id pattern, shared by tenants and the service model's keys.

/** Model ids: a zoo id such as `resnet18`, or `custom:<name>` for a user-loaded .onnx file. */
export const MODEL_ID = /^(custom:[^\s]{1,128}|[a-z0-9_-]{1,64})$/;
/** What {@link MODEL_ID} expects, for messages. */
export const MODEL_ID_HINT = "expected a zoo model id (e.g. 'resnet18') or 'custom:<name>'";
