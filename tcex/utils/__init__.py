"""tcex.utils"""
