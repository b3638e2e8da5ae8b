// Constants shared by the ImageNet architectures.

/** Classes of every torchvision ImageNet classifier in the zoo. */
export const IMAGENET_CLASSES = 1000;
