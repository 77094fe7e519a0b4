// Every test file starts on the tfjs cpu backend; IS_TEST silences the
// backend's "install tfjs-node" banner, so passing tests print nothing.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

tf.env().set('IS_TEST', true);
await tf.setBackend('cpu');
